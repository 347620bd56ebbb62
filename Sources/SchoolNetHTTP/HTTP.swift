import Hummingbird
import SchoolNetService

public enum HTTPInfo {}
