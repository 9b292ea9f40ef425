print("bieumau")
