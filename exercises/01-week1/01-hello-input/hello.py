# Monday: your program says hello.
# Read README.md first. It shows exactly what to print.

# TODO 1: ask for the person's name with input() and keep it in a variable called name.

# TODO 2: ask for their age. input() gives you text, so turn it into a whole number
#         with int() and keep it in a variable called age.

# TODO 3: print "Hello, <name>!"

# TODO 4: print "Next year you will be <age + 1>."

print("TODO: write your program in hello.py")
