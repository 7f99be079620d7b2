"""Metrics: NPS, CES, CSAT, thumbs, ratings and eNPS with sample sizes and confidence intervals."""
