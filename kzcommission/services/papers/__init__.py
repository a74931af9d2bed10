"""What goes on paper: a sitting's print pack, the print dialog, a case's papers."""
