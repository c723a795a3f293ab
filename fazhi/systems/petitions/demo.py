def load_demo(county):
    return {}
