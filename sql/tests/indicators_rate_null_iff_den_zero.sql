-- test: a rate is null exactly when its denominator is 0, else num/den
select scope, key, month
from mart_indicators
where (ar_rate is null) <> (ar_den = 0) or abs(ar_rate - ar_num / ar_den) > 1e-12
   or (otc_rate is null) <> (otc_den = 0) or abs(otc_rate - otc_num / otc_den) > 1e-12
   or (ots_rate is null) <> (ots_den = 0) or abs(ots_rate - ots_num / ots_den) > 1e-12
   or (sign_timely_rate is null) <> (sign_timely_den = 0)
   or (ext_rate is null) <> (ext_den = 0)
   or (audited_rate is null) <> (audited_den = 0)
