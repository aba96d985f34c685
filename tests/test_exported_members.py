import kg


def test_all_is_sorted_and_complete():
    assert kg.__all__ == sorted(kg.__all__)
    public = {name for name in dir(kg) if not name.startswith("_") and not isinstance(getattr(kg, name), type(kg))}
    assert public - {"__version__"} == set(kg.__all__)
