public enum _SheetZipPlaceholder {}
