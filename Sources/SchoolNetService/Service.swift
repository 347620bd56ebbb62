import SchoolNetStore

public enum ServiceInfo {}
