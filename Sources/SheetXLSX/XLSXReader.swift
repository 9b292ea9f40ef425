public enum _SheetXLSXPlaceholder {}
