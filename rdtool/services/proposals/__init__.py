"""Deputies' proposals (议案、建议): submission, handling, motions, corrections and views."""
