"""Counts the SQL queries of each request into the ``X-Bench-Queries`` header (bench only)."""

from django.db import connections


class QueryCountMiddleware:
    """Adds ``X-Bench-Queries``: how many SQL statements the request ran, on any database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        wrapped = [connection.execute_wrapper(counter) for connection in connections.all()]
        for wrapper in wrapped:
            wrapper.__enter__()
        try:
            response = self.get_response(request)
        finally:
            for wrapper in reversed(wrapped):
                wrapper.__exit__(None, None, None)
        response["X-Bench-Queries"] = str(count)
        return response
