"""Organisations: administrative divisions, agencies (机关) and their units (内设机构)."""
