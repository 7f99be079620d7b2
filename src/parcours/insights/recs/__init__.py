"""Recommendations (the Netflix case): what to watch next, with a calibrated match %, the liked
titles that explain each suggestion, and alternatives for an item that is not available."""
