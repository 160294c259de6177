"""Month 2 project: a blog kept as files.

Try it:  python blog.py create "Hello, World!" --body "My first post."
         python blog.py list
         python blog.py show hello-world
"""
import argparse
import datetime
import os
import sys

POSTS = "posts"


def slugify(title):
    """'Hello, World!' -> 'hello-world'."""
    # TODO: lowercase; keep letters and digits; spaces and hyphens separate words; drop the rest
    return title


def read_post(slug):
    """Read posts/<slug>.md and return {"slug", "title", "date", "body"}."""
    # TODO: the lines between the two '---' lines are 'key: value'; the rest is the body
    return {"slug": slug, "title": "", "date": "", "body": ""}


def all_posts():
    """Every post in posts/, newest first."""
    # TODO: os.listdir(POSTS) (no posts/ folder yet means no posts), read each .md file,
    #       then sort by date, newest first
    return []


def create(args):
    # TODO: make the slug, add -2, -3... while posts/<slug>.md exists, create posts/ if needed,
    #       then write the front matter and the body
    print("TODO: create", slugify(args.title))


def show(args):
    print("TODO: show", args.slug)


def search(args):
    print("TODO: search", args.word)


def delete(args):
    print("TODO: delete", args.slug)


def main(argv):
    parser = argparse.ArgumentParser(prog="blog.py", description="A blog kept as files in posts/.")
    commands = parser.add_subparsers(dest="command", required=True)
    create_parser = commands.add_parser("create", help="write a new post")
    create_parser.add_argument("title")
    create_parser.add_argument("--date", help="YYYY-MM-DD (default: today)")
    create_parser.add_argument("--body", default="", help="the text of the post")
    commands.add_parser("list", help="every post, newest first")
    commands.add_parser("show", help="print one post").add_argument("slug")
    commands.add_parser("search", help="posts that mention a word").add_argument("word")
    commands.add_parser("delete", help="remove a post").add_argument("slug")
    args = parser.parse_args(argv)
    if args.command == "list":
        for post in all_posts():
            print(f"{post['date']}  {post['slug']}  {post['title']}")
    else:
        {"create": create, "show": show, "search": search, "delete": delete}[args.command](args)


if __name__ == "__main__":
    main(sys.argv[1:])
