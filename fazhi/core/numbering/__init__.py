"""Record numbers (案号, 文号): one sequence per agency, kind and year, allocated under a lock."""
