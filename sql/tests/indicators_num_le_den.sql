-- test: 0 <= num <= den for every indicator
select scope, key, month
from mart_indicators
where not (0 <= ar_num and ar_num <= ar_den)
   or not (0 <= otc_num and otc_num <= otc_den)
   or not (0 <= ots_num and ots_num <= ots_den)
   or not (0 <= sign_timely_num and sign_timely_num <= sign_timely_den)
   or not (0 <= ext_num and ext_num <= ext_den)
   or not (0 <= audited_num and audited_num <= audited_den)
