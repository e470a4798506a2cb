print(f'{{literal}}')  # expect: {literal}
print(f"{'single'} inside double")  # expect: single inside double
print(f'{3}{{}}')  # expect: 3{}
