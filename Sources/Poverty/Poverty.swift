/// Poverty: the domain — the programme tree, the poverty standard by period, administrative units by period, and
/// the rules that mappings cannot express (DESIGN §2, §4).
public enum Poverty {}
