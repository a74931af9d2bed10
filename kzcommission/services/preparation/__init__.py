"""Before a sitting: commissions, employees, their records, the roster, who is due, the campaign."""
