import PQ

public enum TestSupportInfo {}
