-- wrk script: every request carries the bench user's session cookie (from BENCH_COOKIE).
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
