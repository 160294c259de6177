# sprout-bad: handles 404 but lets raise_for_status() and timeouts crash the program with a traceback
# must-fail: a server error (500) says so and exits with 2, a server that does not answer within 2 seconds: exit with 2
import json
import os
import sys

import requests

CACHE_FILE = "weather_cache.json"


def load_cache():
    try:
        with open(CACHE_FILE, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return {}


def main(args):
    if not args:
        print("Usage: python weather.py CITY")
        return 1
    city = " ".join(args)
    cache = load_cache()
    if city.lower() not in cache:
        response = requests.get(os.environ["WEATHER_API_URL"] + "/weather", params={"city": city}, timeout=2)
        if response.status_code == 404:
            print(f"Sorry, I don't know the city {city}.")
            return 1
        response.raise_for_status()
        cache[city.lower()] = response.json()
        with open(CACHE_FILE, "w", encoding="utf-8") as f:
            json.dump(cache, f)
    w = cache[city.lower()]
    print(f"{w['city']}: {w['temp']:.1f}°C, {w['sky']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
