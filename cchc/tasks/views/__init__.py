"""Pages of plans and tasks, by feature: plans (``plans``), importing a plan (``plan_import``),
the task list and its downloads (``task_list``), giving and editing a task (``task_form``), a
task's page and its workflow's steps (``task_page``), the statistics and the overdue reminder
(``stats``). Reading goes through ``cchc.access.visible_tasks`` and ``can_view_task``; every
change goes through ``cchc.tasks.actions`` (POST only)."""
