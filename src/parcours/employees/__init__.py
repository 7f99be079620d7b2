"""Employee experience: pulses at key moments, anonymous results, and the virtuous circle."""
