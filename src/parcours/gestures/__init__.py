"""Commercial gestures: policy, delegation limits, single-use vouchers, a-posteriori control."""
