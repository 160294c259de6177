"""Month 2 project: the weather on the command line, with a cache.

Try it:  WEATHER_API_URL=http://127.0.0.1:5000 python weather.py London
(sprout starts a pretend weather API for every check and sets WEATHER_API_URL for you.)
"""
import json
import os
import sys

import requests

CACHE_FILE = "weather_cache.json"
TIMEOUT = 2  # seconds


def base_url():
    """Where the weather API lives, e.g. http://127.0.0.1:5000."""
    return os.environ.get("WEATHER_API_URL", "http://127.0.0.1:5000")


def load_cache():
    """The saved answers, {"london": {...}, ...}; {} when there is no cache file yet."""
    # TODO: json.load CACHE_FILE; on FileNotFoundError return {}
    return {}


def save_cache(cache):
    # TODO: json.dump the whole dict into CACHE_FILE
    pass


def fetch_weather(city):
    """GET /weather?city=CITY: the answer as a dict, or None for an unknown city (404)."""
    # TODO: requests.get(..., params=..., timeout=TIMEOUT), check the status code
    return None


def format_weather(weather):
    """"London: 11.5°C, cloudy" (always one decimal)."""
    return f"{weather['city']}: {weather['temp']}°C, {weather['sky']}"


def main(args):
    """Runs the program; returns the exit status (0 ok, 1 usage or unknown city, 2 service trouble)."""
    # TODO: usage message when args is empty
    city = " ".join(args)
    # TODO: look in the cache first; fetch, handle errors, save, print
    print("TODO: the weather for", city)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
