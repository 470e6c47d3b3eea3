"""The commented template network that ``symbiosis new`` writes."""
