# sprout-bad: prints the age as typed instead of next year's age
# must-fail: age 30 becomes 31, age 9 becomes 10, a newborn (age 0) becomes 1, age 99 becomes 100
name = input("What's your name? ")
age = int(input("How old are you? "))

print(f"Hello, {name}!")
print(f"Next year you will be {age}.")
