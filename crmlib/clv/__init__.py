"""Customer lifetime value 客户终身价值 (CLV / LTV): the course formulas.

Course section 3 and notebook ``04_customer_lifetime_value``:

- :func:`simple_clv`, :func:`simple_clv_inputs` - the simple business formula
  (average purchase value × purchase frequency × lifespan − acquisition cost)
  and its three inputs measured on a transaction table;
- :func:`discounted_clv` - the course formula
  :math:`\\sum_{i=1}^{n} (\\pi_i + B_i)/(1+d)^i`;
- :func:`retention_clv`, :func:`margin_multiple` - constant margin and
  retention, finite or infinite horizon, in four timing conventions;
- :func:`clv_components` - transaction, referral, growth and knowledge value
  (交易价值, 推荐价值, 成长价值, 知识价值);
- :func:`clv_to_cac`, :func:`cac_payback` - CLV against the acquisition cost.

Timing convention of the kit
----------------------------
Periods are numbered ``1, 2, ...`` and by default (``"end"``) the customer
pays for period ``i`` at the end of it, at time ``i``; the first payment is
certain and payment ``i`` is made with probability :math:`r^{i-1}` (the
customer must have renewed ``i - 1`` times). Money at time ``t`` is worth
:math:`(1+d)^{-t}` today. ``"start"`` moves every payment one period earlier
(time ``i - 1``, the first at acquisition), ``"mid"`` half a period earlier,
and ``"after_first"`` leaves out a first payment that has already been made
(payment ``i`` at time ``i`` with probability :math:`r^{i}`). For margin 100,
retention 0.8 and discount rate 0.1 these give 333.33 (end), 366.67 (start),
349.60 (mid) and 266.67 (after_first).

Every CLV function returns a :class:`CLVResult` (value, per-period
``cashflows`` table, inputs, LaTeX ``formula``); for an infinite horizon the
table shows the first periods only (until the payment weight drops below
1e-6, at most 200 periods) while ``value`` is the closed form.
"""

from crmlib.clv._cac import CACResult, PaybackResult, cac_payback, clv_to_cac
from crmlib.clv._components import ComponentsResult, clv_components
from crmlib.clv._formulas import discounted_clv, margin_multiple, retention_clv
from crmlib.clv._result import CLVResult
from crmlib.clv._simple import SimpleCLVInputs, simple_clv, simple_clv_inputs

__all__ = [
    "CACResult",
    "CLVResult",
    "ComponentsResult",
    "PaybackResult",
    "SimpleCLVInputs",
    "cac_payback",
    "clv_components",
    "clv_to_cac",
    "discounted_clv",
    "margin_multiple",
    "retention_clv",
    "simple_clv",
    "simple_clv_inputs",
]
