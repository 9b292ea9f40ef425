public enum _SheetXMLPlaceholder {}
