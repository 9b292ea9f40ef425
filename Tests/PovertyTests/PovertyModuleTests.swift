import Poverty
import Testing

@Suite struct PovertyModuleTests {
    @Test func moduleLinks() { _ = Poverty.self }
}
