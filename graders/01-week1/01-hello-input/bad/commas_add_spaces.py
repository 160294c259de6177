# sprout-bad: print("Hello,", name, "!") puts a space before the exclamation mark
# must-fail: greets Ana, greets a two-word name, greets a name with an accent
name = input("What's your name? ")
age = int(input("How old are you? "))

print("Hello,", name, "!")
print(f"Next year you will be {age + 1}.")
