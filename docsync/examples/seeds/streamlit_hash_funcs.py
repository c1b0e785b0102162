"""Streamlit's ``hash_funcs`` on a custom class: a cached method and a cached function.

``ds.cache`` hashes a plain object it does not know only through ``hash_funcs``. Inside
the class body the class has no name yet, so the method names it as ``"module.Qualname"``:
the seed wrote ``"__main__.MyClass"``; a docsync script runs as its own module, whose name
``__name__`` gives. The function outside the class uses the class itself.
"""

import docsync as ds


class MyClass:
    def __init__(self, unique_thing: int):
        self.id = unique_thing

    @ds.cache(hash_funcs={f"{__name__}.MyClass": lambda x: x.id})
    def multiply_id(self, multiplier: int) -> int:
        return self.id * multiplier

    def increment_id(self, addition: int = 1) -> int:
        return self.id + addition


def hash_func(obj: MyClass) -> int:
    return obj.id


@ds.cache(hash_funcs={MyClass: hash_func})
def cache_custom_object_with_incremented_id(obj: MyClass) -> MyClass:
    return MyClass(obj.increment_id())


inst = MyClass(1)
copy = cache_custom_object_with_incremented_id(inst)
product = copy.multiply_id(3)
ds.Column(
    ds.pane.Markdown(f"Original ID: {inst.id}, Cached Copy ID: {copy.id}"),
    ds.pane.Markdown(f"Cached copy's ID times 3: {product}"),
).servable(title="hash_funcs")
