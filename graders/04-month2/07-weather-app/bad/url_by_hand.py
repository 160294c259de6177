# sprout-bad: builds the URL by string concatenation, so a place name with & is cut in two
# must-fail: a place with & in its name
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
        try:
            response = requests.get(os.environ["WEATHER_API_URL"] + "/weather?city=" + city, timeout=2)
            if response.status_code == 404:
                print(f"Sorry, I don't know the city {city}.")
                return 1
            response.raise_for_status()
        except requests.exceptions.RequestException:
            print("Sorry, the weather service is not working right now.")
            return 2
        cache[city.lower()] = response.json()
        with open(CACHE_FILE, "w", encoding="utf-8") as f:
            json.dump(cache, f)
    w = cache[city.lower()]
    print(f"{w['city']}: {w['temp']:.1f}°C, {w['sky']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
