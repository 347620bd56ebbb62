import PQ
import SchoolNetDomain

public enum StoreInfo {}
