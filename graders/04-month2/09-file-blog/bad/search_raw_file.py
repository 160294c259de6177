# sprout-bad: searches the whole file, front matter included, so "date" matches every post
# must-fail: search skips the front matter
import argparse
import datetime
import os
import sys

POSTS = "posts"


def slugify(title):
    kept = "".join(ch for ch in title.lower() if ch.isalnum() or ch in " -")
    return "-".join(kept.replace("-", " ").split())


def post_path(slug):
    return os.path.join(POSTS, slug + ".md")


def read_post(slug):
    with open(post_path(slug), encoding="utf-8") as f:
        lines = f.read().split("\n")
    meta = {}
    end = 1
    while end < len(lines) and lines[end].strip() != "---":
        key, _, value = lines[end].partition(":")
        meta[key.strip()] = value.strip()
        end += 1
    body = "\n".join(lines[end + 1:]).strip("\n")
    return {"slug": slug, "title": meta.get("title", ""), "date": meta.get("date", ""), "body": body}


def all_posts():
    if not os.path.isdir(POSTS):
        return []
    slugs = [name[:-3] for name in os.listdir(POSTS) if name.endswith(".md")]
    posts = [read_post(slug) for slug in sorted(slugs)]
    return sorted(posts, key=lambda post: post["date"], reverse=True)


def print_posts(posts):
    for post in posts:
        print(f"{post['date']}  {post['slug']}  {post['title']}")


def create(args):
    title = args.title.strip()
    base = slugify(title)
    if not base:
        sys.exit(f"Error: the title {args.title!r} has no letters or digits to make a file name from")
    if args.date:
        try:
            date = datetime.date.fromisoformat(args.date).isoformat()
        except ValueError:
            sys.exit(f"Error: the date must be YYYY-MM-DD, not {args.date!r}")
    else:
        date = datetime.date.today().isoformat()
    slug, number = base, 1
    while os.path.exists(post_path(slug)):
        number += 1
        slug = f"{base}-{number}"
    os.makedirs(POSTS, exist_ok=True)
    with open(post_path(slug), "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: {title}\ndate: {date}\n---\n")
        if args.body:
            f.write(args.body + "\n")
    print(f"Created {post_path(slug)}")


def show(args):
    if not os.path.isfile(post_path(args.slug)):
        sys.exit(f"Error: there is no post {args.slug!r}")
    post = read_post(args.slug)
    print(post["title"])
    print(post["date"])
    print()
    print(post["body"])


def search(args):
    word = args.word.lower()
    found = []
    for post in all_posts():
        with open(post_path(post["slug"]), encoding="utf-8") as f:
            if word in f.read().lower():
                found.append(post)
    if found:
        print_posts(found)
    else:
        print("No posts found.")


def delete(args):
    if not os.path.isfile(post_path(args.slug)):
        sys.exit(f"Error: there is no post {args.slug!r}")
    os.remove(post_path(args.slug))
    print(f"Deleted {post_path(args.slug)}")


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
        posts = all_posts()
        if posts:
            print_posts(posts)
        else:
            print("No posts yet.")
    else:
        {"create": create, "show": show, "search": search, "delete": delete}[args.command](args)


if __name__ == "__main__":
    main(sys.argv[1:])
