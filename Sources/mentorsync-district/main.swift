print("mentorsync-district")
