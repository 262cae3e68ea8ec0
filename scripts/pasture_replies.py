"""Sends fediverse-pasture-inputs' in_reply_to, mentions and html_bad inputs to
a civicpub node as replies to one of its items, from fediverse-pasture's one
actor (run in that actor's working directory, with the pasture venv's Python).

    python pasture_replies.py ACTOR_DOMAIN NODE_ACTOR ITEM_URL

Each input's content is prefixed with "[name number]" so that the node's
moderation queue and editors' inbox can be searched for it. The pasture note
ids an input replies to are replaced by ITEM_URL; an input that names no
inReplyTo replies to ITEM_URL. Prints one line per input; exits 1 when a POST
was refused.
"""

import asyncio
import sys

import fediverse_pasture_inputs as inputs
from fediverse_pasture.runner.config import SendingConfig
from fediverse_pasture.send import handle_send_to

INPUTS = ["in_reply_to", "mentions", "html_bad"]
PASTURE_NOTES = {
    "http://pasture-one-actor/assets/note1.jsonap",
    "http://pasture-one-actor/assets/note2.jsonap",
}


def repoint(value, item):
    if isinstance(value, str):
        return item if value in PASTURE_NOTES else value
    if isinstance(value, list):
        return [repoint(v, item) for v in value]
    if isinstance(value, dict):
        return {k: repoint(v, item) for k, v in value.items()}
    return value


async def main(domain, actor, item):
    refused = 0
    for name in INPUTS:
        for number, example in enumerate(inputs.available[name].examples):
            data = repoint(dict(example), item)
            data.setdefault("inReplyTo", item)
            data["content"] = f"[{name} {number}] " + data.get("content", "text")
            sent = await handle_send_to(
                lambda note, data=data: {**note, **data},
                domain,
                actor,
                SendingConfig(),
                False,
                False,
            )
            print(f"{name} {number}: {'accepted' if sent else 'REFUSED'}")
            refused += 0 if sent else 1
    return refused


if __name__ == "__main__":
    sys.exit(1 if asyncio.run(main(*sys.argv[1:4])) else 0)
