"""Multi-partner journeys: steps, partners, key moments, target feelings and the three maps."""
