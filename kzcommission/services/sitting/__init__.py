"""A sitting and its cases: attendance, votes, the chair's review, finalizing, follow-up."""
