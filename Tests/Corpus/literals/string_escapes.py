print("tab:\t|")  # expect: tab:	|
print("a\\b")  # expect: a\b
print('quote: \' and \"')  # expect: quote: ' and "
print("\x41\u00e9\N{GREEK SMALL LETTER ALPHA}")  # expect: Aéα
print(len("\n"))  # expect: 1
print(r"raw \n stays")  # expect: raw \n stays
