"""``pn.bind`` as in Panel's "Add interactivity with bind" how-to: partial binding with the
other arguments given at call time, a bound function as another's argument, ``watch=True``
for side effects, and ``pn.depends`` on widgets."""

import docsync as pn

pn.extension()

price = pn.widgets.FloatInput(name="Price", value=2.5, start=0)
quantity = pn.widgets.IntSlider(name="Quantity", start=1, end=20, value=4)
currency = pn.widgets.Select(name="Currency", options=["EUR", "USD"])
order = pn.widgets.Button(name="Order")


def subtotal(price, quantity):
    return price * quantity


def receipt(amount, currency, *, note="thanks"):
    return f"Total: {amount:.2f} {currency} ({note})"


total = pn.bind(subtotal, price, quantity)          # a bound function...
text = pn.bind(receipt, total, currency, note="paid")  # ...as another's argument

orders = pn.pane.Str("no orders", css_classes=["orders"])


def place(who, currency, event):
    # `who` and `currency` are bound; the click event arrives at call time.
    orders.object = f"order #{event.new} for {who} in {currency}"


order.on_click(pn.bind(place, "Ann", currency))

changes = pn.pane.Str("0 changes", css_classes=["changes"])


def count(quantity):
    changes.object = f"{int(changes.object.split()[0]) + 1} changes (now {quantity})"


pn.bind(count, quantity, watch=True)


@pn.depends(quantity, currency)
def badge(quantity, currency):
    return pn.pane.Str(f"{quantity} items / {currency}", css_classes=["badge"])


pn.Column(price, quantity, currency, order, text, badge, orders, changes).servable(
    title="bind")
