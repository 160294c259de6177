# sprout-bad: reads the age with float(), so it prints 31.0 instead of 31
# must-fail: age 30 becomes 31, age 9 becomes 10, a newborn (age 0) becomes 1, age 99 becomes 100
name = input("What's your name? ")
age = float(input("How old are you? "))

print(f"Hello, {name}!")
print(f"Next year you will be {age + 1}.")
