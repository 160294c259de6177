"""Month 2 project: the weather on the command line, with a cache.

    python weather.py London
    London: 11.5°C, cloudy
"""
import json
import os
import sys

import requests

CACHE_FILE = "weather_cache.json"
TIMEOUT = 2


def base_url():
    return os.environ.get("WEATHER_API_URL", "http://127.0.0.1:5000")


def load_cache():
    try:
        with open(CACHE_FILE, encoding="utf-8") as f:
            return json.load(f)
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def save_cache(cache):
    with open(CACHE_FILE, "w", encoding="utf-8") as f:
        json.dump(cache, f, indent=2, ensure_ascii=False)


def fetch_weather(city):
    """The API's answer for city as a dict; None for an unknown city. Raises RequestException on trouble."""
    response = requests.get(base_url() + "/weather", params={"city": city}, timeout=TIMEOUT)
    if response.status_code == 404:
        return None
    response.raise_for_status()
    return response.json()


def format_weather(weather):
    return f"{weather['city']}: {weather['temp']:.1f}°C, {weather['sky']}"


def main(args):
    if not args:
        print("Usage: python weather.py CITY")
        return 1
    city = " ".join(args)
    key = city.lower()
    cache = load_cache()
    if key in cache:
        print(format_weather(cache[key]))
        return 0
    try:
        weather = fetch_weather(city)
    except requests.exceptions.RequestException:
        print("Sorry, the weather service is not working right now. Try again later.")
        return 2
    if weather is None:
        print(f"Sorry, I don't know the city {city}.")
        return 1
    cache[key] = weather
    save_cache(cache)
    print(format_weather(weather))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
