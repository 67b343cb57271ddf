from django.contrib.staticfiles import finders


def test_the_project_stylesheet_is_found_by_the_static_files_finders() -> None:
    assert finders.find("cchc/app.css") is not None
