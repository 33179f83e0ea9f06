"""The read beacon: ``POST /doc/<id>/``, sent by the article page's script once it is shown.

Never cached and setting no cookie; no CSRF token, as it changes nothing a visitor owns (a
forged beacon is one more read, which a visitor can add by opening the page anyway; repeats
from one address are not counted, ``frontpage.readership``).
"""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from frontpage import readership

# Article ids are positive 32-bit integers; anything larger is not one of ours.
LARGEST_ID = 2**31 - 1


@csrf_exempt
@require_POST
@never_cache
def read_beacon(request, pk: int):
    """Count one read of article ``pk``: 204 whether it counted or not (a robot learns nothing)."""
    if 0 < pk <= LARGEST_ID:
        readership.count(request, pk)
    return HttpResponse(status=204)
