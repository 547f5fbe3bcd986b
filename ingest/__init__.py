"""From a file to typed values and findings: pages → candidates → fields → findings."""
