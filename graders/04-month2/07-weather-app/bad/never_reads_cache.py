# sprout-bad: writes weather_cache.json but never reads it, so every run calls the API again
# must-fail: a cached city is not fetched again, the cache ignores upper and lower case, a new city is added to the cache and the others are kept
import json
import os
import sys

import requests

CACHE_FILE = "weather_cache.json"


def main(args):
    if not args:
        print("Usage: python weather.py CITY")
        return 1
    city = " ".join(args)
    try:
        response = requests.get(os.environ["WEATHER_API_URL"] + "/weather", params={"city": city}, timeout=2)
        if response.status_code == 404:
            print(f"Sorry, I don't know the city {city}.")
            return 1
        response.raise_for_status()
    except requests.exceptions.RequestException:
        print("Sorry, the weather service is not working right now.")
        return 2
    w = response.json()
    with open(CACHE_FILE, "w", encoding="utf-8") as f:
        json.dump({city.lower(): w}, f)
    print(f"{w['city']}: {w['temp']:.1f}°C, {w['sky']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
