"""The yearly evaluation (Order 13): corps "A" and "B", calibration, the forms."""
