# sprout-bad: adds 1 to the text from input() without int(), so it crashes with a TypeError
# must-fail: greets Ana, greets a two-word name, greets a name with an accent, age 30 becomes 31, age 9 becomes 10, a newborn (age 0) becomes 1, age 99 becomes 100
name = input("What's your name? ")
age = input("How old are you? ")

print(f"Hello, {name}!")
print(f"Next year you will be {age + 1}.")
