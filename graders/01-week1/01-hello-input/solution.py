# Monday: ask two questions and answer back.

name = input("What's your name? ")
age = int(input("How old are you? "))

print(f"Hello, {name}!")
print(f"Next year you will be {age + 1}.")
