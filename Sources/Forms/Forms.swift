/// Forms: mapping files → form definitions; detection of a sheet's form; extraction of records with provenance;
/// the validation engine and its findings (DESIGN §2, §3).
public enum Forms {}
