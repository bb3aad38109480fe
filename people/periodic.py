def destroy_withdrawn_data():
    """152-FZ art. 21: data of people who withdrew consent destroyed within 30 days, each with an act."""
    from people.services import destructions_run

    return destructions_run()
